/** Integer amount in the currency's minor units, as a decimal string so it survives bigint sizes in JSON. */
export type MinorUnits = string;
/** A calendar date, `yyyy-MM-dd`, in the client's time zone. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset (`2026-03-01T10:00:00.000Z`). */
export type IsoInstant = string;
