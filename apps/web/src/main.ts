import { installGlobalStyles } from './global-styles.ts';
import './app-shell.ts';

installGlobalStyles();
