import { IInputs, IOutputs } from "./generated/ManifestTypes";
import * as React from "react";

export class MailboxHealth implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  public init(): void {
    // placeholder
  }
  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    return React.createElement("div", null, context.parameters.emailAddress.raw);
  }
  public getOutputs(): IOutputs {
    return {};
  }
  public destroy(): void {
    // placeholder
  }
}
