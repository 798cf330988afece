import { setIconOptions } from "@fluentui/react";

// The host registers Fluent's icon font; tests have none and need not warn about it.
setIconOptions({ disableWarnings: true });
