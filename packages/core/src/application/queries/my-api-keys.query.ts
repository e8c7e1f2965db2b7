import type { CurrentUser } from "../common/current-user";
import type { ApiKeyStore, ApiKeyView } from "../ports/api-key-store.port";

/** The caller's API keys (never the keys themselves). */
export class MyApiKeysQuery {
  constructor(private readonly deps: { currentUser: CurrentUser; keys: ApiKeyStore }) {}

  async execute(): Promise<ApiKeyView[]> {
    const user = await this.deps.currentUser.get();
    return this.deps.keys.listOf(user.id);
  }
}
