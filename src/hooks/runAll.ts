/**
 * Calls every function in `undo` once and empties it; one that throws does not stop the rest.
 * Shared by the router hooks' uninstall functions (bundled into each hook, not into the main entry).
 */
export function runAll(undo: (() => void)[]): void {
  for (const u of undo.splice(0)) {
    try {
      u();
    } catch {
      // Uninstalling goes on.
    }
  }
}
