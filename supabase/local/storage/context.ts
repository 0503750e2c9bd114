import type pg from 'pg'
import type { LocalKeys } from '../keys'
import type { ObjectDisk } from './disk'

/** What every storage route needs. */
export type StorageContext = {
	pool: pg.Pool
	keys: LocalKeys
	disk: ObjectDisk
	globalFileSizeLimit: number
}
