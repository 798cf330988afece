import { createTheme } from "@fluentui/react";
import type { IPartialTheme, Theme } from "@fluentui/react";

/**
 * Each palette slot and semantic colour of the theme with the Fluent 2 token it takes, `color` left
 * out: "slot token slot token …".
 */
const PALETTE =
  "themePrimary BrandBackground themeDarkAlt BrandBackgroundHover themeDark BrandBackgroundPressed " +
  "themeDarker BrandBackgroundPressed themeSecondary BrandForeground1 themeTertiary BrandStroke2 " +
  "themeLight BrandBackground2 themeLighter BrandBackground2 themeLighterAlt NeutralBackground1 " +
  "black NeutralForeground1 neutralDark NeutralForeground1 neutralPrimary NeutralForeground1 " +
  "neutralPrimaryAlt NeutralForeground2 neutralSecondary NeutralForeground2 " +
  "neutralSecondaryAlt NeutralForeground3 neutralTertiary NeutralForeground3 neutralTertiaryAlt NeutralStroke1 " +
  "neutralQuaternary NeutralStroke2 neutralQuaternaryAlt NeutralBackground4 neutralLight NeutralBackground3 " +
  "neutralLighter NeutralBackground2 neutralLighterAlt NeutralBackground2 white NeutralBackground1";
/**
 * Semantic colours Fluent does not derive from the palette above with the same token. createTheme sets
 * bodyBackground, inputBackground and buttonBackground from white, bodyText, inputText and buttonText
 * from neutralPrimary, bodySubtext from neutralSecondary and primaryButtonBackground from themePrimary:
 * those take their token through the palette.
 */
const SEMANTIC =
  "bodyDivider NeutralStroke2 link BrandForegroundLink linkHovered BrandForegroundLinkHover " +
  "inputBorder NeutralStrokeAccessible inputFocusBorderAlt BrandStroke1 disabledBackground NeutralBackgroundDisabled " +
  "disabledText NeutralForegroundDisabled errorText PaletteRedForeground1 errorIcon PaletteRedForeground1 " +
  "errorBackground PaletteRedBackground1 warningIcon PaletteDarkOrangeForeground1 " +
  "warningBackground PaletteDarkOrangeBackground1 infoIcon NeutralForeground3 infoBackground NeutralBackground3 " +
  "successIcon PaletteGreenForeground1 successBackground PaletteGreenBackground1 messageText NeutralForeground1 " +
  "messageLink BrandForegroundLink messageLinkHovered BrandForegroundLinkHover " +
  "buttonBorder NeutralStroke1 primaryButtonText NeutralForegroundOnBrand";

/**
 * The host's Fluent 2 design tokens (`context.fluentDesignLanguage.tokenTheme`) mapped onto a Fluent UI
 * v8 theme, so that the control takes the app's colours, dark mode included. Without tokens the control
 * keeps the theme it inherits from the host. No colour is written here: every one comes from the tokens.
 */
export function themeFromTokens(tokens: Record<string, unknown> | undefined, isDark: boolean | undefined): Theme | undefined {
  if (!tokens) return undefined;
  // The token the host gives as a string, or "": an empty one counts as not given.
  const t = (name: string): string => {
    const v = tokens[name];
    return typeof v === "string" ? v : "";
  };
  // The slots whose token the host gives.
  const pick = (spec: string): Record<string, string> => {
    const out: Record<string, string> = {};
    // Each match is [pair, slot, token]; not destructured, as babel.config.json assumes only arrays are.
    for (const pair of spec.matchAll(/(\w+) (\w+)/g)) {
      const v = t(`color${pair[2]}`);
      if (v) out[pair[1]] = v;
    }
    return out;
  };
  const partial: IPartialTheme = { palette: pick(PALETTE), semanticColors: pick(SEMANTIC), isInverted: !!isDark };
  const font = t("fontFamilyBase");
  if (font) partial.defaultFontStyle = { fontFamily: font };
  return createTheme(partial);
}
