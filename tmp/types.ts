import { startTestStack } from '#tests/helpers/test-stack'
import { generateTypes } from '../supabase/local/types'
const stack = await startTestStack()
try {
	await generateTypes(stack.env.DATABASE_URL ?? '')
	console.log('types written')
} finally {
	await stack.stop()
}
