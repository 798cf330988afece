/** A refusal: the packer stops, prints `message` and writes no zip. */
export class SolutionError extends Error {
  public readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "SolutionError";
    this.code = code;
  }
}

/** One finding of the package validator. */
export interface Problem {
  code: string;
  message: string;
}
