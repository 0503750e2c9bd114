import type { signWithForm } from '#app/petitions/sign-action.server'

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
	interface AppLoadContext {
		/** The client's IP address, from app/server.mjs (Express, honouring TRUST_PROXY). */
		clientIp?: string
		/** This request's Content-Security-Policy nonce, for the inline scripts a page renders (app/http/node-handler.server.ts). */
		cspNonce?: string
		/**
		 * The anonymous signing form's answer when the signing fast path
		 * (app/http/signing-fast-path.server.ts) already checked and stored it but it
		 * is not the plain redirect: the route's action returns it as its own, so
		 * Remix renders the page with errors without signing a second time.
		 */
		formSignature?: { answer: Awaited<ReturnType<typeof signWithForm>> }
	}
}

export {}
