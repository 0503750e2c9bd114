import { startTestStack } from '#tests/helpers/test-stack'

// `npm test` starts the stack once and passes its environment down; a bare
// `npx vitest` starts one of its own, with the demo data loaded.
export default async function setup() {
	if (process.env.DATABASE_URL && process.env.GROUNDWORK_TEST_HARNESS === '1') return
	const stack = await startTestStack()
	Object.assign(process.env, stack.env)
	return () => stack.stop()
}
