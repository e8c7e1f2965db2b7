/** Makes API keys: a recognisable prefix plus at least 32 random bytes, and the hash that is kept. */
export interface ApiKeyGenerator {
  generate(): { key: string; prefix: string; hash: string };
}
