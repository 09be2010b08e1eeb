/** Looks every `pollMs` after the previous look ended (never two at once from here), until stopped. */
export function startPolling(pollMs: number, look: () => Promise<void>, stopped: () => boolean): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const schedulePoll = () => {
    timer = setTimeout(() => {
      void look().finally(() => {
        if (!stopped()) schedulePoll();
      });
    }, pollMs);
    timer.unref();
  };
  schedulePoll();
  return { stop: () => clearTimeout(timer) };
}
