/**
 * The value of a bound field while the user edits it and the host catches up.
 *
 * Hosts hand the control's own edits back later than they are made, and batch them: the model-driven
 * form and Microsoft's pcf-start harness debounce `notifyOutputChanged` → `getOutputs` → `updateView`
 * (the harness by 100 ms). A bound value that arrives meanwhile is usually an echo of an earlier edit,
 * not a new value: taking it would throw away what was typed since. So:
 *
 * - an edit becomes the value at once, and is remembered as sent until the host hands it back;
 * - a bound value equal to an edit sent and not yet handed back is that echo: the value stays what
 *   the user typed (that edit and the ones before it are done);
 * - a bound value equal to the last bound value is no change (an updateView for something else);
 * - any other bound value was set by the host (a form script, a reset, another control, the harness's
 *   input panel): it becomes the value, whether or not the host lists the property as updated.
 *
 * Plain TypeScript, no React: index.ts keeps one per control.
 */
export class BoundValue {
  private current: string | null = null;
  /** The last value the host gave; undefined before the first. */
  private bound: string | null | undefined;
  /** Edits reported to the host and not yet handed back, oldest first. */
  private sent: (string | null)[] = [];

  /** The most edits kept waiting for their echo (a host that never hands edits back). */
  static readonly MAX_PENDING = 200;

  /** What the field shows and getOutputs returns. */
  get value(): string | null {
    return this.current;
  }

  /** Edits the host has not handed back yet. */
  get pending(): number {
    return this.sent.length;
  }

  /** The user changed the field. */
  edit(value: string | null): void {
    this.current = value;
    // One edit at a time: at most one over the limit, the oldest.
    if (this.sent.push(value) > BoundValue.MAX_PENDING) this.sent.shift();
  }

  /** The host's value in updateView; returns the value to show. */
  fromHost(raw: string | null): string | null {
    // The first value is the host's; after it, an edit sent is an echo.
    const echo = this.bound === undefined ? -1 : this.sent.indexOf(raw);
    if (echo >= 0) {
      // The host caught up to this edit (and to every earlier one).
      this.sent.splice(0, echo + 1);
      this.bound = raw;
    } else if (raw !== this.bound) {
      // Set by the host: it becomes the value.
      this.current = this.bound = raw;
      this.sent = [];
    }
    return this.current;
  }
}
