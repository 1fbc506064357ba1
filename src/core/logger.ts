/** Debug output: silent unless `debug: true`. Never throws, even when `console` does. */
export function createLogger(enabled: boolean): (message: string) => void {
  return (message) => {
    if (!enabled) return;
    try {
      console.log(`[tracewire] ${message}`);
    } catch {
      // A page may have replaced console with something that throws; logging is not worth breaking it.
    }
  };
}
