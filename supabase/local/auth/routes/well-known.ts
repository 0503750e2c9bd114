import { Hono } from 'hono'
import type { AuthContext } from '../context'

export function wellKnownRoutes(auth: AuthContext) {
	const app = new Hono()

	app.get('/.well-known/jwks.json', (c) => {
		c.header('Cache-Control', 'public, max-age=600')
		return c.json({ keys: [auth.keys.publicJwk] })
	})

	app.get('/settings', (c) =>
		c.json({
			external: {
				anonymous_users: false,
				apple: false,
				azure: false,
				bitbucket: false,
				discord: false,
				facebook: false,
				snapchat: false,
				figma: false,
				fly: false,
				github: false,
				gitlab: false,
				google: false,
				keycloak: false,
				kakao: false,
				linkedin: false,
				linkedin_oidc: false,
				notion: false,
				spotify: false,
				slack: false,
				slack_oidc: false,
				workos: false,
				twitch: false,
				twitter: false,
				email: auth.config.email.enableSignup,
				phone: false,
				zoom: false,
			},
			disable_signup: !auth.config.enableSignup,
			mailer_autoconfirm: !auth.config.email.enableConfirmations,
			phone_autoconfirm: false,
			sms_provider: '',
			saml_enabled: false,
			saml_private_key_next_configured: false,
			passkeys_enabled: false,
		}),
	)

	app.get('/health', (c) => c.json({ version: 'local', name: 'GoTrue', description: 'supabase/local stand-in for Supabase Auth' }))

	return app
}
