import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery that districts can trust: recipients' time zones for quiet hours, retry history of
 * provider SIDs, smart encoding per notice, and the per-prefix time zone reference table.
 */
export class Delivery1732500000000 implements MigrationInterface {
  name = 'Delivery1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contacts add column time_zone text`);
    await q.query(`alter table notices add column smart_encoding boolean not null default true`);
    await q.query(`alter table notices add column quiet_hours_overridden integer not null default 0`);
    await q.query(`alter table messages add column provider_sid_history text[] not null default '{}'`);
    await q.query(`alter table messages add column claimed_at timestamptz`);
    await q.query(`create index messages_stale_sending on messages (claimed_at) where status = 'sending' and provider_sid is null`);

    // Reference data, not tenant-owned: which time zone an E.164 prefix most likely lives in.
    await q.query(`create table phone_prefix_time_zones (prefix text primary key, time_zone text not null)`);
    const entries = phonePrefixTimeZones();
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500);
      await q.query(`insert into phone_prefix_time_zones (prefix, time_zone) select * from unnest($1::text[], $2::text[])`, [
        chunk.map(([prefix]) => prefix),
        chunk.map(([, zone]) => zone),
      ]);
    }

    // The recipient's time zone: the contact's own, else the phone's prefix, else the district's.
    await q.query(`
      create function phone_time_zone(phone text) returns text language sql stable as $$
        select time_zone from phone_prefix_time_zones
        where prefix in (left(phone, 5), left(phone, 4), left(phone, 3), left(phone, 2))
        order by length(prefix) desc limit 1
      $$`);

    // The first moment at or after now() inside the sending window [window_start, window_end) in
    // time zone tz (08:00-21:00 by default). A window may wrap midnight (20:00-02:00); equal start
    // and end mean the district keeps no quiet hours.
    await q.query(`
      create function next_sending_time(tz text, window_start time, window_end time) returns timestamptz language sql stable as $$
        select case
          when window_start = window_end then now()
          when window_start < window_end and l.t >= window_start and l.t < window_end then now()
          when window_start > window_end and (l.t >= window_start or l.t < window_end) then now()
          when l.t < window_start then (l.day + window_start) at time zone tz
          else (l.day + interval '1 day' + window_start) at time zone tz
        end
        from (select (now() at time zone tz)::time as t, date_trunc('day', now() at time zone tz) as day) l
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function if exists next_sending_time`);
    await q.query(`drop function if exists phone_time_zone`);
    await q.query(`drop table if exists phone_prefix_time_zones`);
    await q.query(`drop index if exists messages_stale_sending`);
    await q.query(`alter table messages drop column claimed_at, drop column provider_sid_history`);
    await q.query(`alter table notices drop column quiet_hours_overridden, drop column smart_encoding`);
    await q.query(`alter table contacts drop column time_zone`);
  }
}

/**
 * The prefix table as this migration first wrote it (`+1617 America/New_York` pairs, in the order
 * they were inserted), frozen here: it was built from libs/sms's area-code tables and
 * libphonenumber-js's metadata of the day, which may change while this migration must not.
 */
const PHONE_PREFIX_TIME_ZONES = `
+1203 America/New_York +1475 America/New_York +1860 America/New_York +1959 America/New_York +1302 America/New_York +1202 America/New_York
+1771 America/New_York +1239 America/New_York +1305 America/New_York +1321 America/New_York +1324 America/New_York +1352 America/New_York
+1386 America/New_York +1407 America/New_York +1561 America/New_York +1645 America/New_York +1656 America/New_York +1689 America/New_York
+1727 America/New_York +1728 America/New_York +1754 America/New_York +1772 America/New_York +1786 America/New_York +1813 America/New_York
+1863 America/New_York +1904 America/New_York +1941 America/New_York +1954 America/New_York +1229 America/New_York +1404 America/New_York
+1470 America/New_York +1478 America/New_York +1678 America/New_York +1706 America/New_York +1762 America/New_York +1770 America/New_York
+1912 America/New_York +1943 America/New_York +1260 America/New_York +1317 America/New_York +1463 America/New_York +1574 America/New_York
+1765 America/New_York +1812 America/New_York +1930 America/New_York +1502 America/New_York +1606 America/New_York +1859 America/New_York
+1207 America/New_York +1227 America/New_York +1240 America/New_York +1301 America/New_York +1410 America/New_York +1443 America/New_York
+1667 America/New_York +1339 America/New_York +1351 America/New_York +1413 America/New_York +1508 America/New_York +1617 America/New_York
+1774 America/New_York +1781 America/New_York +1857 America/New_York +1978 America/New_York +1231 America/New_York +1248 America/New_York
+1269 America/New_York +1313 America/New_York +1517 America/New_York +1586 America/New_York +1616 America/New_York +1679 America/New_York
+1734 America/New_York +1810 America/New_York +1906 America/New_York +1947 America/New_York +1989 America/New_York +1603 America/New_York
+1201 America/New_York +1551 America/New_York +1609 America/New_York +1640 America/New_York +1732 America/New_York +1848 America/New_York
+1856 America/New_York +1862 America/New_York +1908 America/New_York +1973 America/New_York +1212 America/New_York +1315 America/New_York
+1329 America/New_York +1332 America/New_York +1347 America/New_York +1363 America/New_York +1516 America/New_York +1518 America/New_York
+1585 America/New_York +1607 America/New_York +1624 America/New_York +1631 America/New_York +1646 America/New_York +1680 America/New_York
+1716 America/New_York +1718 America/New_York +1838 America/New_York +1845 America/New_York +1914 America/New_York +1917 America/New_York
+1929 America/New_York +1934 America/New_York +1252 America/New_York +1336 America/New_York +1472 America/New_York +1704 America/New_York
+1743 America/New_York +1828 America/New_York +1910 America/New_York +1919 America/New_York +1980 America/New_York +1984 America/New_York
+1216 America/New_York +1220 America/New_York +1234 America/New_York +1283 America/New_York +1326 America/New_York +1330 America/New_York
+1380 America/New_York +1419 America/New_York +1436 America/New_York +1440 America/New_York +1513 America/New_York +1567 America/New_York
+1614 America/New_York +1740 America/New_York +1937 America/New_York +1215 America/New_York +1223 America/New_York +1267 America/New_York
+1272 America/New_York +1412 America/New_York +1445 America/New_York +1484 America/New_York +1570 America/New_York +1582 America/New_York
+1610 America/New_York +1717 America/New_York +1724 America/New_York +1814 America/New_York +1835 America/New_York +1878 America/New_York
+1401 America/New_York +1803 America/New_York +1839 America/New_York +1843 America/New_York +1854 America/New_York +1864 America/New_York
+1423 America/New_York +1865 America/New_York +1802 America/New_York +1276 America/New_York +1434 America/New_York +1540 America/New_York
+1571 America/New_York +1686 America/New_York +1703 America/New_York +1757 America/New_York +1804 America/New_York +1826 America/New_York
+1948 America/New_York +1304 America/New_York +1681 America/New_York +1226 America/Toronto +1249 America/Toronto +1289 America/Toronto
+1343 America/Toronto +1365 America/Toronto +1382 America/Toronto +1416 America/Toronto +1437 America/Toronto +1519 America/Toronto
+1548 America/Toronto +1613 America/Toronto +1647 America/Toronto +1683 America/Toronto +1705 America/Toronto +1742 America/Toronto
+1753 America/Toronto +1807 America/Toronto +1905 America/Toronto +1942 America/Toronto +1263 America/Toronto +1354 America/Toronto
+1367 America/Toronto +1418 America/Toronto +1438 America/Toronto +1450 America/Toronto +1468 America/Toronto +1514 America/Toronto
+1579 America/Toronto +1581 America/Toronto +1819 America/Toronto +1873 America/Toronto +1205 America/Chicago +1251 America/Chicago
+1256 America/Chicago +1334 America/Chicago +1659 America/Chicago +1938 America/Chicago +1327 America/Chicago +1479 America/Chicago
+1501 America/Chicago +1870 America/Chicago +1448 America/Chicago +1850 America/Chicago +1217 America/Chicago +1224 America/Chicago
+1309 America/Chicago +1312 America/Chicago +1331 America/Chicago +1447 America/Chicago +1464 America/Chicago +1618 America/Chicago
+1630 America/Chicago +1708 America/Chicago +1730 America/Chicago +1773 America/Chicago +1779 America/Chicago +1815 America/Chicago
+1847 America/Chicago +1861 America/Chicago +1872 America/Chicago +1219 America/Chicago +1319 America/Chicago +1515 America/Chicago
+1563 America/Chicago +1641 America/Chicago +1712 America/Chicago +1316 America/Chicago +1620 America/Chicago +1785 America/Chicago
+1913 America/Chicago +1270 America/Chicago +1364 America/Chicago +1225 America/Chicago +1318 America/Chicago +1337 America/Chicago
+1457 America/Chicago +1504 America/Chicago +1985 America/Chicago +1218 America/Chicago +1320 America/Chicago +1507 America/Chicago
+1612 America/Chicago +1651 America/Chicago +1763 America/Chicago +1924 America/Chicago +1952 America/Chicago +1228 America/Chicago
+1601 America/Chicago +1662 America/Chicago +1769 America/Chicago +1235 America/Chicago +1314 America/Chicago +1417 America/Chicago
+1557 America/Chicago +1573 America/Chicago +1636 America/Chicago +1660 America/Chicago +1816 America/Chicago +1975 America/Chicago
+1308 America/Chicago +1402 America/Chicago +1531 America/Chicago +1701 America/Chicago +1405 America/Chicago +1539 America/Chicago
+1572 America/Chicago +1580 America/Chicago +1918 America/Chicago +1605 America/Chicago +1615 America/Chicago +1629 America/Chicago
+1731 America/Chicago +1901 America/Chicago +1931 America/Chicago +1210 America/Chicago +1214 America/Chicago +1254 America/Chicago
+1281 America/Chicago +1325 America/Chicago +1346 America/Chicago +1361 America/Chicago +1409 America/Chicago +1430 America/Chicago
+1432 America/Chicago +1469 America/Chicago +1512 America/Chicago +1682 America/Chicago +1713 America/Chicago +1726 America/Chicago
+1737 America/Chicago +1806 America/Chicago +1817 America/Chicago +1830 America/Chicago +1832 America/Chicago +1903 America/Chicago
+1936 America/Chicago +1940 America/Chicago +1945 America/Chicago +1956 America/Chicago +1972 America/Chicago +1979 America/Chicago
+1262 America/Chicago +1274 America/Chicago +1353 America/Chicago +1414 America/Chicago +1534 America/Chicago +1608 America/Chicago
+1715 America/Chicago +1920 America/Chicago +1204 America/Winnipeg +1431 America/Winnipeg +1584 America/Winnipeg +1306 America/Regina
+1474 America/Regina +1639 America/Regina +1303 America/Denver +1719 America/Denver +1720 America/Denver +1970 America/Denver
+1983 America/Denver +1406 America/Denver +1505 America/Denver +1575 America/Denver +1385 America/Denver +1435 America/Denver
+1801 America/Denver +1307 America/Denver +1915 America/Denver +1208 America/Boise +1986 America/Boise +1368 America/Edmonton
+1403 America/Edmonton +1587 America/Edmonton +1780 America/Edmonton +1825 America/Edmonton +1480 America/Phoenix +1520 America/Phoenix
+1602 America/Phoenix +1623 America/Phoenix +1928 America/Phoenix +1209 America/Los_Angeles +1213 America/Los_Angeles
+1279 America/Los_Angeles +1310 America/Los_Angeles +1323 America/Los_Angeles +1341 America/Los_Angeles +1350 America/Los_Angeles
+1357 America/Los_Angeles +1369 America/Los_Angeles +1408 America/Los_Angeles +1415 America/Los_Angeles +1424 America/Los_Angeles
+1442 America/Los_Angeles +1510 America/Los_Angeles +1530 America/Los_Angeles +1559 America/Los_Angeles +1562 America/Los_Angeles
+1619 America/Los_Angeles +1626 America/Los_Angeles +1628 America/Los_Angeles +1650 America/Los_Angeles +1657 America/Los_Angeles
+1661 America/Los_Angeles +1669 America/Los_Angeles +1707 America/Los_Angeles +1714 America/Los_Angeles +1738 America/Los_Angeles
+1747 America/Los_Angeles +1760 America/Los_Angeles +1805 America/Los_Angeles +1818 America/Los_Angeles +1820 America/Los_Angeles
+1831 America/Los_Angeles +1840 America/Los_Angeles +1858 America/Los_Angeles +1909 America/Los_Angeles +1916 America/Los_Angeles
+1925 America/Los_Angeles +1949 America/Los_Angeles +1951 America/Los_Angeles +1702 America/Los_Angeles +1725 America/Los_Angeles
+1775 America/Los_Angeles +1458 America/Los_Angeles +1503 America/Los_Angeles +1541 America/Los_Angeles +1971 America/Los_Angeles
+1206 America/Los_Angeles +1253 America/Los_Angeles +1360 America/Los_Angeles +1425 America/Los_Angeles +1509 America/Los_Angeles
+1564 America/Los_Angeles +1236 America/Vancouver +1250 America/Vancouver +1257 America/Vancouver +1604 America/Vancouver
+1672 America/Vancouver +1778 America/Vancouver +1907 America/Anchorage +1808 Pacific/Honolulu +1782 America/Halifax +1902 America/Halifax
+1428 America/Halifax +1506 America/Halifax +1709 America/St_Johns +1879 America/St_Johns +971 Asia/Dubai +93 Asia/Kabul +355 Europe/Tirane
+374 Asia/Yerevan +244 Africa/Luanda +54 America/Argentina/Buenos_Aires +43 Europe/Vienna +994 Asia/Baku +387 Europe/Sarajevo
+880 Asia/Dhaka +32 Europe/Brussels +226 Africa/Ouagadougou +359 Europe/Sofia +973 Asia/Bahrain +257 Africa/Bujumbura +229 Africa/Porto-Novo
+673 Asia/Brunei +591 America/La_Paz +975 Asia/Thimphu +375 Europe/Minsk +501 America/Belize +236 Africa/Bangui +242 Africa/Brazzaville
+41 Europe/Zurich +225 Africa/Abidjan +237 Africa/Douala +86 Asia/Shanghai +57 America/Bogota +506 America/Costa_Rica +53 America/Havana
+238 Atlantic/Cape_Verde +357 Asia/Nicosia +420 Europe/Prague +49 Europe/Berlin +253 Africa/Djibouti +45 Europe/Copenhagen
+213 Africa/Algiers +372 Europe/Tallinn +20 Africa/Cairo +291 Africa/Asmara +251 Africa/Addis_Ababa +679 Pacific/Fiji +33 Europe/Paris
+241 Africa/Libreville +995 Asia/Tbilisi +233 Africa/Accra +220 Africa/Banjul +224 Africa/Conakry +30 Europe/Athens +502 America/Guatemala
+592 America/Guyana +852 Asia/Hong_Kong +504 America/Tegucigalpa +385 Europe/Zagreb +509 America/Port-au-Prince +36 Europe/Budapest
+353 Europe/Dublin +972 Asia/Jerusalem +91 Asia/Kolkata +964 Asia/Baghdad +98 Asia/Tehran +354 Atlantic/Reykjavik +962 Asia/Amman
+81 Asia/Tokyo +254 Africa/Nairobi +996 Asia/Bishkek +855 Asia/Phnom_Penh +850 Asia/Pyongyang +82 Asia/Seoul +965 Asia/Kuwait
+856 Asia/Vientiane +961 Asia/Beirut +94 Asia/Colombo +231 Africa/Monrovia +370 Europe/Vilnius +371 Europe/Riga +218 Africa/Tripoli
+373 Europe/Chisinau +382 Europe/Podgorica +692 Pacific/Majuro +389 Europe/Skopje +223 Africa/Bamako +95 Asia/Yangon +853 Asia/Macau
+222 Africa/Nouakchott +356 Europe/Malta +265 Africa/Blantyre +258 Africa/Maputo +264 Africa/Windhoek +227 Africa/Niamey +234 Africa/Lagos
+505 America/Managua +31 Europe/Amsterdam +977 Asia/Kathmandu +968 Asia/Muscat +507 America/Panama +51 America/Lima +63 Asia/Manila
+92 Asia/Karachi +48 Europe/Warsaw +680 Pacific/Palau +595 America/Asuncion +974 Asia/Qatar +40 Europe/Bucharest +381 Europe/Belgrade
+250 Africa/Kigali +966 Asia/Riyadh +249 Africa/Khartoum +46 Europe/Stockholm +65 Asia/Singapore +386 Europe/Ljubljana
+421 Europe/Bratislava +232 Africa/Freetown +221 Africa/Dakar +252 Africa/Mogadishu +597 America/Paramaribo +211 Africa/Juba
+503 America/El_Salvador +963 Asia/Damascus +235 Africa/Ndjamena +228 Africa/Lome +66 Asia/Bangkok +992 Asia/Dushanbe +670 Asia/Dili
+993 Asia/Ashgabat +216 Africa/Tunis +676 Pacific/Tongatapu +90 Europe/Istanbul +886 Asia/Taipei +255 Africa/Dar_es_Salaam +380 Europe/Kyiv
+256 Africa/Kampala +598 America/Montevideo +58 America/Caracas +84 Asia/Ho_Chi_Minh +685 Pacific/Apia +383 Europe/Belgrade +967 Asia/Aden
+27 Africa/Johannesburg +260 Africa/Lusaka +263 Africa/Harare
`;

function phonePrefixTimeZones(): [prefix: string, zone: string][] {
  const words = PHONE_PREFIX_TIME_ZONES.trim().split(/\s+/);
  const entries: [string, string][] = [];
  for (let i = 0; i < words.length; i += 2) entries.push([words[i], words[i + 1]]);
  return entries;
}
