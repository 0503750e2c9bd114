import pg from 'pg'

type StorageErrorFields = {
	status: number
	code: string
	error?: string
	message: string
	httpStatus?: number
}

/**
 * An error Supabase Storage would return. `status` is the status the body
 * reports; the HTTP status is 400 for anything below 500, as on Supabase,
 * unless `httpStatus` says otherwise (416 for an unsatisfiable range).
 */
export class StorageError extends Error {
	readonly status: number
	readonly code: string
	readonly error: string
	readonly httpStatus: number

	constructor(fields: StorageErrorFields, options?: { cause?: unknown }) {
		super(fields.message, options)
		this.name = 'StorageError'
		this.status = fields.status
		this.code = fields.code
		this.error = fields.error ?? fields.code
		this.httpStatus = fields.httpStatus ?? (fields.status >= 500 ? fields.status : 400)
	}

	toBody() {
		return { statusCode: String(this.status), code: this.code, error: this.error, message: this.message }
	}
}

export function noSuchBucket() {
	return new StorageError({ status: 404, code: 'NoSuchBucket', error: 'Bucket not found', message: 'Bucket not found' })
}

export function noSuchKey() {
	return new StorageError({ status: 404, code: 'NoSuchKey', error: 'not_found', message: 'Object not found' })
}

export function accessDenied(message: string) {
	return new StorageError({ status: 403, code: 'AccessDenied', error: 'Unauthorized', message })
}

export function keyAlreadyExists() {
	return new StorageError({ status: 409, code: 'KeyAlreadyExists', error: 'Duplicate', message: 'The resource already exists' })
}

export function bucketAlreadyExists() {
	return new StorageError({
		status: 409,
		code: 'BucketAlreadyExists',
		error: 'Duplicate',
		message: 'The resource already exists',
	})
}

export function resourceAlreadyExists() {
	return new StorageError({
		status: 409,
		code: 'ResourceAlreadyExists',
		error: 'Duplicate',
		message: 'The resource already exists',
	})
}

export function bucketNotEmpty() {
	return new StorageError({
		status: 409,
		code: 'InvalidRequest',
		message: 'The bucket you tried to delete is not empty',
	})
}

export function invalidRequest(message: string) {
	return new StorageError({ status: 400, code: 'InvalidRequest', message })
}

export function invalidJwt(message: string) {
	return new StorageError({ status: 400, code: 'InvalidJWT', message })
}

export function invalidSignature(message = 'Invalid signature') {
	return new StorageError({ status: 400, code: 'InvalidSignature', message })
}

export function expiredToken() {
	return new StorageError({ status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' })
}

export function entityTooLarge() {
	return new StorageError({
		status: 413,
		code: 'EntityTooLarge',
		error: 'Payload too large',
		message: 'The object exceeded the maximum allowed size',
	})
}

export function invalidMimeType(mimeType: string) {
	return new StorageError({
		status: 415,
		code: 'InvalidMimeType',
		error: 'invalid_mime_type',
		message: `mime type ${mimeType} is not supported`,
	})
}

export function invalidRange() {
	return new StorageError({
		status: 416,
		code: 'InvalidRange',
		error: 'invalid_range',
		message: 'invalid range provided',
		httpStatus: 416,
	})
}

export function invalidKey(key: string) {
	return new StorageError({ status: 400, code: 'InvalidKey', message: `Invalid key: ${key}` })
}

export function invalidBucketName(name: string) {
	return new StorageError({
		status: 400,
		code: 'InvalidBucketName',
		error: 'Invalid Input',
		message: `Bucket name invalid: ${name}`,
	})
}

export function internalError(cause?: unknown) {
	return new StorageError({ status: 500, code: 'InternalError', message: 'Internal server error' }, { cause })
}

/** Maps what Postgres said to what Supabase Storage answers. */
export function fromDatabaseError(error: unknown): unknown {
	if (!(error instanceof pg.DatabaseError)) return error
	switch (error.code) {
		case '42501':
			return accessDenied(error.message.includes('row-level security') ? 'new row violates row-level security policy' : error.message)
		case '23505':
			return resourceAlreadyExists()
		case '23503':
			return new StorageError({ status: 404, code: 'InvalidRequest', message: 'The related resource does not exist' })
		default:
			return new StorageError({ status: 500, code: 'DatabaseError', message: `database error, code: ${error.code}` })
	}
}
