import type { PasswordPolicy, RawPassword } from "@gatehouse/core";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Refuses the passwords people pick most: the 49 233 of `@zxcvbn-ts/language-common`'s
 * "passwords-common" list (MIT; zxcvbn-ts's own ranking of leaked-password corpora, most
 * common first). OWASP ASVS 5.0 6.2.4 asks for at least the 3 000 most common.
 *
 * A password is compared as the hasher sees it (NFKC, see RawPassword) and case-folded,
 * since the list is lower case: "PassWord" and "ｐａｓｓｗｏｒｄ" are refused with "password".
 */
export class CommonPasswordPolicy implements PasswordPolicy {
  private readonly common: ReadonlySet<string>;

  constructor(list: readonly string[] = dictionary["passwords-common"]) {
    this.common = new Set(list.map(fold));
  }

  async refusal(password: RawPassword): Promise<string | null> {
    return this.common.has(fold(password.value))
      ? "This password is one of the most common ones, which attackers try first. Choose another, e.g. a few unrelated words."
      : null;
  }
}

const fold = (password: string) => password.normalize("NFKC").toLowerCase();
