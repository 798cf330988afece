import type { ControlClass } from "./host";

/**
 * `ComponentFramework.registerControl`, which the built bundle calls when it loads (its registration
 * stub checks for `window.ComponentFramework`). This module runs before the bundle's script.
 */
const registered = new Map<string, ControlClass>();

const win = window as unknown as { ComponentFramework?: { registerControl(name: string, control: ControlClass): void } };
win.ComponentFramework = {
  registerControl(name: string, control: ControlClass) {
    registered.set(name, control);
  },
};

export function registeredControl(name: string): ControlClass | undefined {
  return registered.get(name);
}

export function registeredNames(): string[] {
  return [...registered.keys()];
}
