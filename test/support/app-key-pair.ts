import { generateKeyPairSync } from "node:crypto";

/** A fresh RSA key pair in PEM, as GitHub gives an app. */
export function appKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
}
