/** A fixed-offset zone where it is now `localHour`:xx, whatever hour the spec runs at (Etc/GMT-10 is UTC+10). */
export function zoneWhereItIsNow(localHour: number, now = new Date()): { zone: string; offsetHours: number } {
  let offset = (localHour - now.getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  return { zone: offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${String(Math.abs(offset))}`, offsetHours: offset };
}
