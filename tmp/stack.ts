import { startTestStack } from '#tests/helpers/test-stack'
const stack = await startTestStack()
console.log('DATABASE_URL=' + stack.env.DATABASE_URL)
for (const [k, v] of Object.entries(stack.env)) console.log(`export ${k}='${v}'`)
process.on('SIGTERM', async () => { await stack.stop(); process.exit(0) })
setInterval(() => {}, 1 << 30)
