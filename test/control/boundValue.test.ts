import { BoundValue } from "../../MailboxHealth/field/boundValue";

/** Types `text` one key at a time, as the field reports each keystroke. */
function type(field: BoundValue, start: string, text: string): string[] {
  const values: string[] = [];
  let now = start;
  for (const key of text) {
    now += key;
    field.edit(now);
    values.push(now);
  }
  return values;
}

describe("BoundValue: the field's value while the host catches up with the user's edits", () => {
  it("takes the host's first value", () => {
    const field = new BoundValue();
    expect(field.fromHost("old@contoso.com")).toBe("old@contoso.com");
    expect(field.value).toBe("old@contoso.com");
  });

  it("keeps every key when the host hands back an earlier edit (a late updateView)", () => {
    const field = new BoundValue();
    field.fromHost(null);
    const sent = type(field, "", "ab@cd.ef");
    // The host answers the third edit while five more were typed.
    expect(field.fromHost(sent[2])).toBe("ab@cd.ef");
    expect(field.pending).toBe(5);
    expect(field.fromHost("ab@cd.ef")).toBe("ab@cd.ef");
    expect(field.pending).toBe(0);
  });

  it("keeps the edits when the host repeats its old value (an updateView for something else)", () => {
    const field = new BoundValue();
    field.fromHost("old@contoso.com");
    type(field, "old@contoso.com", "x");
    expect(field.fromHost("old@contoso.com")).toBe("old@contoso.com" + "x");
  });

  it("takes a value the host really changed, even with edits still to be handed back", () => {
    const field = new BoundValue();
    field.fromHost("old@contoso.com");
    type(field, "", "typed");
    expect(field.fromHost("set@contoso.com")).toBe("set@contoso.com");
    expect(field.value).toBe("set@contoso.com");
    expect(field.pending).toBe(0);
  });

  it("takes a reset to the value before the edits once the host has handed the edits back", () => {
    const field = new BoundValue();
    field.fromHost("old@contoso.com");
    const sent = type(field, "", "new");
    field.fromHost(sent[sent.length - 1]);
    expect(field.fromHost("old@contoso.com")).toBe("old@contoso.com");
  });

  it("an emptied field is null, and the host's empty value is taken as a change", () => {
    const field = new BoundValue();
    field.fromHost("a@b.c");
    field.edit(null);
    expect(field.fromHost(null)).toBeNull();
    field.edit("x");
    field.fromHost("x");
    expect(field.fromHost(null)).toBeNull();
  });

  it("does not keep edits without end for a host that never hands them back", () => {
    const field = new BoundValue();
    field.fromHost(null);
    type(field, "", "a".repeat(BoundValue.MAX_PENDING + 50));
    expect(field.pending).toBe(BoundValue.MAX_PENDING);
  });
});
