/**
 * For tests only, preloaded into the real server with `node --import`: on SIGUSR2 it throws an exception
 * nobody catches and leaves a rejection nobody handles, as a bug in a callback would. The server itself has
 * no hook for this.
 */
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('triggered exception');
  });
  void Promise.reject(new Error('triggered rejection'));
});
