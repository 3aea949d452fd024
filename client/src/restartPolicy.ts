// When to restart a language server that stopped by itself. No `vscode` import: unit-tested in Node.

/** VS Code's rule for language servers (vscode-languageclient's default): at most 4 restarts… */
export const MAX_RESTARTS = 4;
/** …within 3 minutes. */
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Counts crashes: the server is restarted after each, unless this is the fifth within three minutes
 * (a server that keeps crashing on start would otherwise loop forever). A manual restart starts a new
 * count.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted. */
  crashed(): boolean {
    const at = this.now();
    this.crashes = [...this.crashes.filter((t) => at - t <= this.windowMs), at];
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes within the window, this one included. */
  get recentCrashes(): number {
    return this.crashes.length;
  }
}
