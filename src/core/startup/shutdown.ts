/**
 * On SIGINT or SIGTERM, runs `close` once and exits. The entry points close in order: the worker
 * (it finishes or hands back what it is sending), then the api, then the embedded database they
 * both use. Nest's own per-application hooks would close each application separately and end the
 * process as soon as the first is done.
 */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing: Promise<void> | undefined;
  const onSignal = () => {
    closing ??= close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
