// Fake model vendors for tests and the demo: real HTTP servers the real SDKs call.
export { startFakeAnthropic } from "./fake-anthropic.ts";
export type { FakeAnthropicOptions } from "./fake-anthropic.ts";
export { startFakeOpenAI } from "./fake-openai.ts";
export type { FakeOpenAIOptions } from "./fake-openai.ts";
export type { BilledCall, FakeModelServer, FakeReply, FakeResponder, RecordedRequest } from "./fake-http.ts";
export { vendorBill, vendorPrices } from "./vendor-bill.ts";
export type { VendorPrices } from "./vendor-bill.ts";
