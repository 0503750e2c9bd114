import { expect, test } from 'vitest'
import { containsPattern, exactPattern } from '#app/db/like'

test('search text is matched literally inside LIKE patterns', () => {
	expect(containsPattern('Loudoun')).toBe('%Loudoun%')
	expect(containsPattern('100%_sure\\')).toBe('%100\\%\\_sure\\\\%')
	expect(exactPattern('V_')).toBe('V\\_')
})
