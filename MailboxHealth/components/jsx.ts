import * as React from "react";

/**
 * What JSX compiles to in these components (each .tsx file names them in its JSX pragmas): a short
 * local name for React.createElement keeps the bundle small.
 */
export const h = React.createElement;
export const Fragment = React.Fragment;

/** "timed-out" → "TimedOut": the part of a resx key named after a kind. */
export const pascal = (kind: string) => kind.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase());
