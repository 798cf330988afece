import { createTheme } from "@fluentui/react";
import type { IPartialTheme, Theme } from "@fluentui/react";

/**
 * The host's Fluent 2 design tokens (`context.fluentDesignLanguage.tokenTheme`) mapped onto a Fluent UI
 * v8 theme, so that the control takes the app's colours, dark mode included. Without tokens the control
 * keeps the theme it inherits from the host. No colour is written here: every one comes from the tokens.
 */
export function themeFromTokens(tokens: Record<string, unknown> | undefined, isDark: boolean | undefined): Theme | undefined {
  if (!tokens) return undefined;
  const t = (name: string): string | undefined => {
    const v = tokens[name];
    return typeof v === "string" && v ? v : undefined;
  };
  const pick = (entries: Record<string, string | undefined>): Record<string, string> =>
    Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === "string"));

  const palette = pick({
    themePrimary: t("colorBrandBackground"),
    themeDarkAlt: t("colorBrandBackgroundHover"),
    themeDark: t("colorBrandBackgroundPressed"),
    themeDarker: t("colorBrandBackgroundPressed"),
    themeSecondary: t("colorBrandForeground1"),
    themeTertiary: t("colorBrandStroke2"),
    themeLight: t("colorBrandBackground2"),
    themeLighter: t("colorBrandBackground2"),
    themeLighterAlt: t("colorNeutralBackground1"),
    black: t("colorNeutralForeground1"),
    neutralDark: t("colorNeutralForeground1"),
    neutralPrimary: t("colorNeutralForeground1"),
    neutralPrimaryAlt: t("colorNeutralForeground2"),
    neutralSecondary: t("colorNeutralForeground2"),
    neutralSecondaryAlt: t("colorNeutralForeground3"),
    neutralTertiary: t("colorNeutralForeground3"),
    neutralTertiaryAlt: t("colorNeutralStroke1"),
    neutralQuaternary: t("colorNeutralStroke2"),
    neutralQuaternaryAlt: t("colorNeutralBackground4"),
    neutralLight: t("colorNeutralBackground3"),
    neutralLighter: t("colorNeutralBackground2"),
    neutralLighterAlt: t("colorNeutralBackground2"),
    white: t("colorNeutralBackground1"),
  });
  const semanticColors = pick({
    bodyBackground: t("colorNeutralBackground1"),
    bodyText: t("colorNeutralForeground1"),
    bodySubtext: t("colorNeutralForeground2"),
    bodyDivider: t("colorNeutralStroke2"),
    link: t("colorBrandForegroundLink"),
    linkHovered: t("colorBrandForegroundLinkHover"),
    inputBackground: t("colorNeutralBackground1"),
    inputBorder: t("colorNeutralStrokeAccessible"),
    inputText: t("colorNeutralForeground1"),
    inputFocusBorderAlt: t("colorBrandStroke1"),
    disabledBackground: t("colorNeutralBackgroundDisabled"),
    disabledText: t("colorNeutralForegroundDisabled"),
    errorText: t("colorPaletteRedForeground1"),
    errorIcon: t("colorPaletteRedForeground1"),
    errorBackground: t("colorPaletteRedBackground1"),
    warningIcon: t("colorPaletteDarkOrangeForeground1"),
    warningBackground: t("colorPaletteDarkOrangeBackground1"),
    infoIcon: t("colorNeutralForeground3"),
    infoBackground: t("colorNeutralBackground3"),
    successIcon: t("colorPaletteGreenForeground1"),
    successBackground: t("colorPaletteGreenBackground1"),
    messageText: t("colorNeutralForeground1"),
    messageLink: t("colorBrandForegroundLink"),
    messageLinkHovered: t("colorBrandForegroundLinkHover"),
    buttonBackground: t("colorNeutralBackground1"),
    buttonText: t("colorNeutralForeground1"),
    buttonBorder: t("colorNeutralStroke1"),
    primaryButtonBackground: t("colorBrandBackground"),
    primaryButtonText: t("colorNeutralForegroundOnBrand"),
  });
  const partial: IPartialTheme = { palette, semanticColors, isInverted: !!isDark };
  const font = t("fontFamilyBase");
  if (font) partial.defaultFontStyle = { fontFamily: font };
  return createTheme(partial);
}
