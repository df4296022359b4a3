import type { CountryCode } from 'libphonenumber-js/max';

/**
 * US and Canadian area codes by IANA time zone, including overlays announced through 2025.
 * An area code that straddles a zone line (850 in the Florida panhandle, 270 in Kentucky, 219
 * in Indiana, 605, 701, 208, 807 …) is filed under the zone where most of its people live.
 * Area codes are a guess anyway: people keep their number when they move.
 */
export const NANP_AREA_CODES_BY_ZONE: Readonly<Record<string, string>> = {
  'America/New_York':
    // CT DE DC FL GA IN KY ME MD MA MI NH NJ
    '203 475 860 959 302 202 771 239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 ' +
    '813 863 904 941 954 229 404 470 478 678 706 762 770 912 943 260 317 463 574 765 812 930 ' +
    '502 606 859 207 227 240 301 410 443 667 339 351 413 508 617 774 781 857 978 231 248 269 ' +
    '313 517 586 616 679 734 810 906 947 989 603 201 551 609 640 732 848 856 862 908 973 ' +
    // NY NC OH PA RI SC TN VT VA WV
    '212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934 ' +
    '252 336 472 704 743 828 910 919 980 984 216 220 234 283 326 330 380 419 436 440 513 567 ' +
    '614 740 937 215 223 267 272 412 445 484 570 582 610 717 724 814 835 878 401 803 839 843 ' +
    '854 864 423 865 802 276 434 540 571 686 703 757 804 826 948 304 681',
  'America/Toronto':
    // Ontario, Quebec
    '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942 ' + '263 354 367 418 438 450 468 514 579 581 819 873',
  'America/Chicago':
    // AL AR FL-panhandle IL IN-northwest IA KS KY-west LA MN MS MO NE ND OK SD TN TX WI
    '205 251 256 334 659 938 327 479 501 870 448 850 217 224 309 312 331 447 464 618 630 708 ' +
    '730 773 779 815 847 861 872 219 319 515 563 641 712 316 620 785 913 270 364 225 318 337 ' +
    '457 504 985 218 320 507 612 651 763 924 952 228 601 662 769 235 314 417 557 573 636 660 ' +
    '816 975 308 402 531 701 405 539 572 580 918 605 615 629 731 901 931 210 214 254 281 325 ' +
    '346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979 ' +
    '262 274 353 414 534 608 715 920',
  'America/Winnipeg': '204 431 584',
  /** Saskatchewan keeps Central Standard Time all year. */
  'America/Regina': '306 474 639',
  // CO MT NM UT WY TX-El Paso
  'America/Denver': '303 719 720 970 983 406 505 575 385 435 801 307 915',
  'America/Boise': '208 986',
  'America/Edmonton': '368 403 587 780 825',
  /** Arizona keeps Mountain Standard Time all year. */
  'America/Phoenix': '480 520 602 623 928',
  // CA NV OR WA
  'America/Los_Angeles':
    '209 213 279 310 323 341 350 357 369 408 415 424 442 510 530 559 562 619 626 628 650 657 ' +
    '661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951 702 725 775 458 ' +
    '503 541 971 206 253 360 425 509 564',
  'America/Vancouver': '236 250 257 604 672 778',
  'America/Anchorage': '907',
  'Pacific/Honolulu': '808',
  // Nova Scotia, Prince Edward Island, New Brunswick
  'America/Halifax': '782 902 428 506',
  'America/St_Johns': '709 879',
};

/**
 * Countries (and NANP territories) that keep one time zone. Countries with several (Mexico,
 * Brazil, Russia, Australia, Indonesia, Canada and the US themselves …) are left out on
 * purpose: a wrong guess is worse than none.
 */
export const SINGLE_ZONE_COUNTRIES: Readonly<Partial<Record<CountryCode, string>>> = {
  // North America outside the US and Canada, Central America and the Caribbean
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  AS: 'Pacific/Pago_Pago',
  DO: 'America/Santo_Domingo',
  JM: 'America/Jamaica',
  HT: 'America/Port-au-Prince',
  CU: 'America/Havana',
  BS: 'America/Nassau',
  TT: 'America/Port_of_Spain',
  BB: 'America/Barbados',
  GT: 'America/Guatemala',
  SV: 'America/El_Salvador',
  HN: 'America/Tegucigalpa',
  NI: 'America/Managua',
  CR: 'America/Costa_Rica',
  PA: 'America/Panama',
  BZ: 'America/Belize',
  // South America
  CO: 'America/Bogota',
  VE: 'America/Caracas',
  PE: 'America/Lima',
  BO: 'America/La_Paz',
  PY: 'America/Asuncion',
  UY: 'America/Montevideo',
  AR: 'America/Argentina/Buenos_Aires',
  GY: 'America/Guyana',
  SR: 'America/Paramaribo',
  // Europe
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  IT: 'Europe/Rome',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  BG: 'Europe/Sofia',
  GR: 'Europe/Athens',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  IS: 'Atlantic/Reykjavik',
  LT: 'Europe/Vilnius',
  LV: 'Europe/Riga',
  EE: 'Europe/Tallinn',
  UA: 'Europe/Kyiv',
  BY: 'Europe/Minsk',
  MD: 'Europe/Chisinau',
  RS: 'Europe/Belgrade',
  BA: 'Europe/Sarajevo',
  HR: 'Europe/Zagreb',
  SI: 'Europe/Ljubljana',
  MK: 'Europe/Skopje',
  AL: 'Europe/Tirane',
  XK: 'Europe/Belgrade',
  ME: 'Europe/Podgorica',
  TR: 'Europe/Istanbul',
  GE: 'Asia/Tbilisi',
  AM: 'Asia/Yerevan',
  AZ: 'Asia/Baku',
  CY: 'Asia/Nicosia',
  MT: 'Europe/Malta',
  // Africa
  SO: 'Africa/Mogadishu',
  ET: 'Africa/Addis_Ababa',
  ER: 'Africa/Asmara',
  DJ: 'Africa/Djibouti',
  KE: 'Africa/Nairobi',
  UG: 'Africa/Kampala',
  TZ: 'Africa/Dar_es_Salaam',
  RW: 'Africa/Kigali',
  BI: 'Africa/Bujumbura',
  SD: 'Africa/Khartoum',
  SS: 'Africa/Juba',
  EG: 'Africa/Cairo',
  LY: 'Africa/Tripoli',
  TN: 'Africa/Tunis',
  DZ: 'Africa/Algiers',
  MA: 'Africa/Casablanca',
  NG: 'Africa/Lagos',
  GH: 'Africa/Accra',
  SN: 'Africa/Dakar',
  GM: 'Africa/Banjul',
  GN: 'Africa/Conakry',
  SL: 'Africa/Freetown',
  LR: 'Africa/Monrovia',
  CI: 'Africa/Abidjan',
  ML: 'Africa/Bamako',
  BF: 'Africa/Ouagadougou',
  NE: 'Africa/Niamey',
  TD: 'Africa/Ndjamena',
  CM: 'Africa/Douala',
  CF: 'Africa/Bangui',
  CG: 'Africa/Brazzaville',
  GA: 'Africa/Libreville',
  TG: 'Africa/Lome',
  BJ: 'Africa/Porto-Novo',
  MR: 'Africa/Nouakchott',
  CV: 'Atlantic/Cape_Verde',
  AO: 'Africa/Luanda',
  ZM: 'Africa/Lusaka',
  ZW: 'Africa/Harare',
  MZ: 'Africa/Maputo',
  MW: 'Africa/Blantyre',
  ZA: 'Africa/Johannesburg',
  NA: 'Africa/Windhoek',
  // Asia
  SA: 'Asia/Riyadh',
  AE: 'Asia/Dubai',
  YE: 'Asia/Aden',
  OM: 'Asia/Muscat',
  QA: 'Asia/Qatar',
  BH: 'Asia/Bahrain',
  KW: 'Asia/Kuwait',
  IQ: 'Asia/Baghdad',
  SY: 'Asia/Damascus',
  JO: 'Asia/Amman',
  LB: 'Asia/Beirut',
  IL: 'Asia/Jerusalem',
  IR: 'Asia/Tehran',
  AF: 'Asia/Kabul',
  PK: 'Asia/Karachi',
  IN: 'Asia/Kolkata',
  BD: 'Asia/Dhaka',
  NP: 'Asia/Kathmandu',
  BT: 'Asia/Thimphu',
  LK: 'Asia/Colombo',
  MM: 'Asia/Yangon',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  KH: 'Asia/Phnom_Penh',
  LA: 'Asia/Vientiane',
  PH: 'Asia/Manila',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  MO: 'Asia/Macau',
  TW: 'Asia/Taipei',
  KR: 'Asia/Seoul',
  KP: 'Asia/Pyongyang',
  JP: 'Asia/Tokyo',
  SG: 'Asia/Singapore',
  BN: 'Asia/Brunei',
  TL: 'Asia/Dili',
  TJ: 'Asia/Dushanbe',
  TM: 'Asia/Ashgabat',
  KG: 'Asia/Bishkek',
  // Oceania
  FJ: 'Pacific/Fiji',
  WS: 'Pacific/Apia',
  TO: 'Pacific/Tongatapu',
  PW: 'Pacific/Palau',
  MH: 'Pacific/Majuro',
};
