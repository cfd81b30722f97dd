/**
 * Shows the `<dialog>` in `root` as a modal while `open`, and closes it otherwise: the one way the board's
 * dialogs follow their `open` property. Nothing happens before the dialog is rendered.
 */
export function showModalWhile(root: ParentNode, open: boolean): void {
  const dialog = root.querySelector('dialog');
  if (!dialog) return;
  if (open && !dialog.open) dialog.showModal();
  else if (!open && dialog.open) dialog.close();
}
