import { LanguageLexicon } from './lexicon.types';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Traditional Chinese. A bare numeral is weak: 一 is also in 一起 ("together") and 一下, so it
 * counts only as the whole reply ("二", "我選二", "二號"); 第二 ("the second") counts anywhere.
 */
export const zhHant: LanguageLexicon = {
  numbers: {
    0: ['零', '〇'],
    ...Object.fromEntries(NUMERALS.map((numeral, index) => [index + 1, [numeral]])),
    2: ['二', '兩', '兩個'],
  },
  ordinals: Object.fromEntries(
    NUMERALS.map((numeral, index) => [index + 1, [`第${numeral}`, `第${numeral}個`, `第${numeral}項`, `第${numeral}種`]]),
  ),
  last: ['最後', '最後一個', '最後一項'],
  yes: [
    '是', '是的', '對', '對的', '好', '好的', '可以', '行', '要', '會', '嗯', '恩', '同意', '沒問題', '當然',
    '好啊', '去', '參加', '會參加', '我會參加', '我會去', '有', '有的', '確定', '肯定', '一定', '一定去', '好滴',
  ],
  no: [
    '不', '不是', '否', '沒有', '沒', '不要', '不行', '不會', '不去', '不參加', '不可以', '不用', '不對', '不好',
    '不同意', '無', '不了', '去不了', '參加不了', '沒空', '來不了', '還沒有', '還沒',
  ],
  unsure: ['不知道', '不清楚', '也許', '可能', '不確定', '看情況', '再說', '不一定', '還不知道', '說不定', '或許'],
  several: ['都', '兩個都', '都可以', '都行', '全部', '都要', '三個都'],
  negators: ['不', '沒', '別', '除了'],
  fillers: [
    '我', '選', '選擇', '我選', '個', '號', '項', '的', '了', '吧', '啊', '呀', '哦', '喔', '呢', '啦', '謝謝',
    '謝', '請', '您好', '你好', '老師', '答案', '選項', '覺得', '我覺得', '想', '這個', '那個', '我們', '比較',
    '最好', '好一些', '號碼', '數字', '種', '早上好', '下午好', '晚上好', '感謝', '麻煩了',
  ],
  outOf: [],
  units: ['分', '星', '顆星', '顆'],
  common: [],
  weak: [...NUMERALS, '是', '兩', '兩個', '要', '會', '去', '有', '行', '嗯', '恩', '無', '一定'],
};
