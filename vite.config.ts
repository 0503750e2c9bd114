import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { type Plugin, defineConfig } from 'vite'

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
	interface Future {
		v3_singleFetch: true
	}
}

/**
 * The dev server hands requests to Remix the way app/server.mjs does in
 * production: through app/http/node-handler.server.ts, so body limits and
 * security headers are the same in both. It takes the place of the Remix
 * plugin's own request handler, which it runs before.
 */
function groundworkRequests(): Plugin {
	return {
		name: 'groundwork-requests',
		configureServer(server) {
			return () => {
				server.middlewares.use((req, res, next) => {
					const handle = async () => {
						const build = await server.ssrLoadModule('virtual:remix/server-build')
						const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
						await build.entry.module.handleNodeRequest(build, req, res, { url, clientIp: req.socket.remoteAddress, mode: 'development' })
					}
					handle().catch((error: unknown) => {
						if (error instanceof Error) server.ssrFixStacktrace(error)
						next(error)
					})
				})
			}
		},
	}
}

export default defineConfig({
	server: { port: 3000, strictPort: true, host: '127.0.0.1' },
	plugins: [
		tailwindcss(),
		groundworkRequests(),
		remix({
			ignoredRouteFiles: ['**/*.test.*', '**/*.server.test.*'],
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
		}),
	],
})
