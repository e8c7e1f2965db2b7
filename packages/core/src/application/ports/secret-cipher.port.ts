/**
 * Encrypts secrets kept at rest (TOTP secrets). `context` is bound to the ciphertext (the
 * owner's id), so a ciphertext copied to another row does not decrypt.
 */
export interface SecretCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
}
