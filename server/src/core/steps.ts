/** Work done in steps (a generator that pauses between them), done all at once: its result. */
export function allSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
