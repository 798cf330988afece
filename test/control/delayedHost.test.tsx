import { act, fireEvent, render, screen } from "@testing-library/react";
import { MailboxHealth } from "../../MailboxHealth";
import { createContext } from "../support/context";
import { healthyDump } from "../support/rows";

/**
 * The real index.ts under a host that hands the control's edits back late, as model-driven forms and
 * Microsoft's pcf-start harness do: notifyOutputChanged → (delay) → getOutputs → updateView with the
 * new bound value and an empty updatedProperties (the harness never fills it).
 *  - "debounced": every notifyOutputChanged restarts the wait (pcf-start: 100 ms);
 *  - "each edit": every notifyOutputChanged is answered on its own after the delay, so the host hands
 *    back values the user has already typed past.
 */
type Mode = "debounced" | "each edit";

function mountDelayed(delay: number, mode: Mode, initial: string | null) {
  // The checks are not what this is about: on demand, so that no request settles outside act().
  const mock = createContext({ dump: () => healthyDump(), value: initial, runOnLoad: false });
  const control = new MailboxHealth();
  const outputs: (string | undefined)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let view: ReturnType<typeof render> | undefined;
  const answer = () => {
    const out = control.getOutputs().emailAddress;
    outputs.push(out);
    // The form takes the output as the column's value and hands it back in updateView.
    mock.set({ value: out ?? null }, []);
    view?.rerender(control.updateView(mock.context));
  };
  const notify = () => {
    if (mode === "debounced" && timer !== undefined) clearTimeout(timer);
    timer = setTimeout(answer, delay);
  };
  control.init(mock.context, notify);
  view = render(control.updateView(mock.context));
  const input = () => screen.getByRole("textbox", { name: "Email Address" }) as HTMLInputElement;
  /** Types one key every `msPerKey` ms; `replace`: the first key replaces the whole value (selected). */
  const type = (text: string, msPerKey: number, replace = false) => {
    [...text].forEach((key, i) => {
      const next = replace && i === 0 ? key : input().value + key;
      fireEvent.change(input(), { target: { value: next } });
      act(() => {
        jest.advanceTimersByTime(msPerKey);
      });
    });
  };
  const settle = () =>
    act(() => {
      jest.advanceTimersByTime(delay + 1000);
    });
  /** The host sets the column itself (a script, a reset, the harness's input panel), updatedProperties empty. */
  const hostSets = (value: string | null) =>
    act(() => {
      mock.set({ value }, []);
      view?.rerender(control.updateView(mock.context));
    });
  return { control, outputs, input, type, settle, hostSets };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  act(() => {
    jest.runOnlyPendingTimers();
  });
  jest.useRealTimers();
});

describe.each<[number, Mode]>([
  [0, "debounced"],
  [100, "debounced"],
  [500, "debounced"],
  [0, "each edit"],
  [100, "each edit"],
  [500, "each edit"],
])("a host that answers edits after %i ms (%s)", (delay, mode) => {
  it.each([30, 80, 150])("typing at %i ms a key into an empty field keeps every character, in the field and the outputs", (msPerKey) => {
    const host = mountDelayed(delay, mode, null);
    host.type("ab@cd.ef", msPerKey);
    expect(host.input().value).toBe("ab@cd.ef");
    host.settle();
    expect(host.input().value).toBe("ab@cd.ef");
    expect(host.control.getOutputs()).toEqual({ emailAddress: "ab@cd.ef" });
    expect(host.outputs[host.outputs.length - 1]).toBe("ab@cd.ef");
  });

  it("typing over an existing address replaces it, keeping every character", () => {
    const host = mountDelayed(delay, mode, "old@contoso.com");
    expect(host.input().value).toBe("old@contoso.com");
    host.type("ab@cd.ef", 30, true);
    host.settle();
    expect(host.input().value).toBe("ab@cd.ef");
    expect(host.outputs[host.outputs.length - 1]).toBe("ab@cd.ef");
  });

  it("a value the host sets after an edit shows in the field, with updatedProperties empty", () => {
    const host = mountDelayed(delay, mode, "old@contoso.com");
    host.type("x", 30);
    host.settle();
    expect(host.input().value).toBe("old@contoso.comx");
    host.hostSets("set@contoso.com");
    expect(host.input().value).toBe("set@contoso.com");
    expect(host.control.getOutputs()).toEqual({ emailAddress: "set@contoso.com" });
    // Typing goes on from the host's value.
    host.type(".uk", 30);
    host.settle();
    expect(host.input().value).toBe("set@contoso.com.uk");
    expect(host.outputs[host.outputs.length - 1]).toBe("set@contoso.com.uk");
  });
});

it("a value the host sets while edits are still on their way wins over them", () => {
  const host = mountDelayed(500, "each edit", "old@contoso.com");
  host.type("abc", 30, true);
  host.hostSets("set@contoso.com");
  expect(host.input().value).toBe("set@contoso.com");
  expect(host.control.getOutputs()).toEqual({ emailAddress: "set@contoso.com" });
});

it("an updateView for something else (no new bound value) keeps what the user typed", () => {
  const host = mountDelayed(500, "debounced", "old@contoso.com");
  host.type("new@contoso.com", 30, true);
  // The host re-renders before it has read the outputs: same old bound value.
  host.hostSets("old@contoso.com");
  expect(host.input().value).toBe("new@contoso.com");
  host.settle();
  expect(host.input().value).toBe("new@contoso.com");
});
