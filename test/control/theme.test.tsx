import { themeFromTokens } from "../../MailboxHealth/components/theme";

/** A few Fluent 2 tokens as model-driven apps pass them in context.fluentDesignLanguage.tokenTheme. */
const DARK = {
  colorNeutralBackground1: "#292929",
  colorNeutralForeground1: "#ffffff",
  colorNeutralForeground2: "#d6d6d6",
  colorBrandBackground: "#115ea3",
  colorBrandForegroundLink: "#479ef5",
  colorPaletteRedForeground1: "#e37d80",
  colorPaletteRedBackground1: "#3f1011",
  colorPaletteYellowBackground1: "#4c4400",
  colorPaletteDarkOrangeBackground1: "#411200",
  fontFamilyBase: "'Segoe UI', sans-serif",
};

describe("the host theme mapped onto Fluent UI v8", () => {
  it("is absent when the host gives no tokens (the inherited theme stays)", () => {
    expect(themeFromTokens(undefined, undefined)).toBeUndefined();
  });

  it("takes colours from the tokens, dark included", () => {
    const theme = themeFromTokens(DARK, true);
    expect(theme?.isInverted).toBe(true);
    expect(theme?.semanticColors.bodyBackground).toBe("#292929");
    expect(theme?.semanticColors.bodyText).toBe("#ffffff");
    expect(theme?.semanticColors.link).toBe("#479ef5");
    expect(theme?.semanticColors.errorBackground).toBe("#3f1011");
    // Fluent 2's warning intent is dark orange (as for the warning icon), not yellow.
    expect(theme?.semanticColors.warningBackground).toBe("#411200");
    expect(theme?.palette.themePrimary).toBe("#115ea3");
    expect(theme?.fonts.medium.fontFamily).toBe("'Segoe UI', sans-serif");
  });

  it("ignores tokens that are not strings", () => {
    const theme = themeFromTokens({ colorNeutralBackground1: 42, colorNeutralForeground1: "#111111" }, false);
    expect(theme?.semanticColors.bodyText).toBe("#111111");
    expect(theme?.semanticColors.bodyBackground).not.toBe(42);
  });
});
