import * as React from "react";

/**
 * What JSX compiles to in these components (each .tsx file names them in its JSX pragmas): a short
 * local name for React.createElement keeps the bundle small.
 */
export const h = React.createElement;
export const Fragment = React.Fragment;
