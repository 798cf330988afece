import type { Message, MessageArgs } from "../MailboxHealth/model/finding";

/**
 * A usage or input error: the command stops with exit status 2 and one line on stderr.
 * The text is a resx key (cli/strings) so that it is shown in the chosen language.
 */
export class CliError extends Error {
  readonly text: Message;
  constructor(key: string, args?: MessageArgs) {
    super(key);
    this.name = "CliError";
    this.text = args ? { key, args } : { key };
  }
}

/** Exit statuses of org-dump.md. */
export const Exit = { Ok: 0, Problem: 1, Error: 2 } as const;
