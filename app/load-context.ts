declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
	interface AppLoadContext {
		/** The client's IP address, from app/server.mjs (Express, honouring TRUST_PROXY). */
		clientIp?: string
		/** This request's Content-Security-Policy nonce, for the inline scripts a page renders (app/http/node-handler.server.ts). */
		cspNonce?: string
	}
}

export {}
