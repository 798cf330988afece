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

const PALETTE_TOKENS: Record<string, string> = {
  themePrimary: "colorBrandBackground",
  themeDarkAlt: "colorBrandBackgroundHover",
  themeDark: "colorBrandBackgroundPressed",
  themeDarker: "colorBrandBackgroundPressed",
  themeSecondary: "colorBrandForeground1",
  themeTertiary: "colorBrandStroke2",
  themeLight: "colorBrandBackground2",
  themeLighter: "colorBrandBackground2",
  themeLighterAlt: "colorNeutralBackground1",
  black: "colorNeutralForeground1",
  neutralDark: "colorNeutralForeground1",
  neutralPrimary: "colorNeutralForeground1",
  neutralPrimaryAlt: "colorNeutralForeground2",
  neutralSecondary: "colorNeutralForeground2",
  neutralSecondaryAlt: "colorNeutralForeground3",
  neutralTertiary: "colorNeutralForeground3",
  neutralTertiaryAlt: "colorNeutralStroke1",
  neutralQuaternary: "colorNeutralStroke2",
  neutralQuaternaryAlt: "colorNeutralBackground4",
  neutralLight: "colorNeutralBackground3",
  neutralLighter: "colorNeutralBackground2",
  neutralLighterAlt: "colorNeutralBackground2",
  white: "colorNeutralBackground1",
};

const SEMANTIC_TOKENS: Record<string, string> = {
  bodyBackground: "colorNeutralBackground1",
  bodyText: "colorNeutralForeground1",
  bodySubtext: "colorNeutralForeground2",
  bodyDivider: "colorNeutralStroke2",
  link: "colorBrandForegroundLink",
  linkHovered: "colorBrandForegroundLinkHover",
  inputBackground: "colorNeutralBackground1",
  inputBorder: "colorNeutralStrokeAccessible",
  inputText: "colorNeutralForeground1",
  inputFocusBorderAlt: "colorBrandStroke1",
  disabledBackground: "colorNeutralBackgroundDisabled",
  disabledText: "colorNeutralForegroundDisabled",
  errorText: "colorPaletteRedForeground1",
  errorIcon: "colorPaletteRedForeground1",
  errorBackground: "colorPaletteRedBackground1",
  warningIcon: "colorPaletteDarkOrangeForeground1",
  warningBackground: "colorPaletteDarkOrangeBackground1",
  infoIcon: "colorNeutralForeground3",
  infoBackground: "colorNeutralBackground3",
  successIcon: "colorPaletteGreenForeground1",
  successBackground: "colorPaletteGreenBackground1",
  messageText: "colorNeutralForeground1",
  messageLink: "colorBrandForegroundLink",
  messageLinkHovered: "colorBrandForegroundLinkHover",
  buttonBackground: "colorNeutralBackground1",
  buttonText: "colorNeutralForeground1",
  buttonBorder: "colorNeutralStroke1",
  primaryButtonBackground: "colorBrandBackground",
  primaryButtonText: "colorNeutralForegroundOnBrand",
};

describe("the host theme mapped onto Fluent UI v8", () => {
  it("maps every palette slot and semantic colour to its Fluent 2 token", () => {
    // Each token's value is its own name: the theme then shows which token each slot took.
    const tokens = Object.fromEntries([...Object.values(PALETTE_TOKENS), ...Object.values(SEMANTIC_TOKENS)].map((name) => [name, name]));
    const theme = themeFromTokens(tokens, false);
    const palette = theme?.palette as unknown as Record<string, string>;
    const semantic = theme?.semanticColors as unknown as Record<string, string>;
    expect(Object.fromEntries(Object.keys(PALETTE_TOKENS).map((slot) => [slot, palette[slot]]))).toEqual(PALETTE_TOKENS);
    expect(Object.fromEntries(Object.keys(SEMANTIC_TOKENS).map((slot) => [slot, semantic[slot]]))).toEqual(SEMANTIC_TOKENS);
  });

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
