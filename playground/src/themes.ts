import { webDarkTheme, webLightTheme } from "@fluentui/react-theme";
import type { Theme } from "@fluentui/react-theme";

/**
 * The Fluent 2 token sets a model-driven app hands to controls in `context.fluentDesignLanguage`
 * (`webLightTheme`, `webDarkTheme` from @fluentui/react-theme). "none" is a host without it, like
 * the stock pcf-start harness. The page takes its own colours from the same tokens.
 */

export type ThemeName = "light" | "dark" | "none";

const LANGUAGES = {
  light: { tokenTheme: webLightTheme, isDarkTheme: false },
  dark: { tokenTheme: webDarkTheme, isDarkTheme: true },
} as const;

export function designLanguage(name: ThemeName): { tokenTheme: Theme; isDarkTheme: boolean } | undefined {
  return name === "none" ? undefined : LANGUAGES[name];
}

/** Tokens for the page around the control (a host without a theme looks like the light one). */
export function pageTokens(name: ThemeName): Theme {
  return name === "dark" ? webDarkTheme : webLightTheme;
}
