const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** DHIS2's `yyyy-MM-dd'T'HH:mm:ss.SSS`: server local time, no zone suffix (spec §1). */
export function formatDhis2Date(ms: number): string {
	const date = new Date(ms);
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
		+ `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
