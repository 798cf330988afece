import { toDataError } from "../../MailboxHealth/data/errors";
import { PRIVILEGE_ERROR } from "../support/rows";

describe("errors from any host become a DataError", () => {
  it.each([
    ["an Xrm.WebApi privilege error", PRIVILEGE_ERROR, "privilege"],
    ["a 403", { status: 403, message: "Forbidden" }, "privilege"],
    ["a record that does not exist", { errorCode: 2147746327, message: "mailbox With Id = x Does Not Exist" }, "not-found"],
    ["a 404", { status: 404, message: "Not Found" }, "not-found"],
    ["a 429", { status: 429, message: "Too Many Requests", retryAfterSeconds: 12 }, "throttled"],
    ["the service protection code", { code: "0x80072322", message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds." }, "throttled"],
    ["a network failure", new TypeError("Failed to fetch"), "offline"],
    ["a 500", { status: 500, message: "Internal Server Error" }, "server"],
    ["a string", "something odd", "failed"],
    ["undefined", undefined, "failed"],
  ])("%s", (_what, reason, kind) => {
    expect(toDataError(reason).kind).toBe(kind);
  });

  it("keeps the server message and Retry-After", () => {
    expect(toDataError({ status: 429, message: "Too Many Requests", retryAfterSeconds: 12 })).toEqual({
      kind: "throttled",
      message: "Too Many Requests",
      status: 429,
      retryAfterSeconds: 12,
    });
  });

  it("says offline whenever the host says so", () => {
    expect(toDataError({ status: 500, message: "x" }, true).kind).toBe("offline");
  });
});
