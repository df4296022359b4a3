import { LanguageLexicon } from './lexicon.types';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Simplified Chinese. A bare numeral is weak: 一 is also in 一起 ("together") and 一下, so it
 * counts only as the whole reply ("二", "我选二", "二号"); 第二 ("the second") counts anywhere.
 */
export const zhHans: LanguageLexicon = {
  numbers: {
    0: ['零', '〇'],
    ...Object.fromEntries(NUMERALS.map((numeral, index) => [index + 1, [numeral]])),
    2: ['二', '两', '两个'],
  },
  ordinals: Object.fromEntries(
    NUMERALS.map((numeral, index) => [index + 1, [`第${numeral}`, `第${numeral}个`, `第${numeral}项`, `第${numeral}种`]]),
  ),
  last: ['最后', '最后一个', '最后一项'],
  yes: [
    '是', '是的', '对', '对的', '好', '好的', '可以', '行', '要', '会', '嗯', '恩', '同意', '没问题', '当然',
    '好啊', '去', '参加', '会参加', '我会参加', '我会去', '有', '有的', '确定', '肯定', '一定', '一定去', '好滴',
  ],
  no: [
    '不', '不是', '否', '没有', '没', '不要', '不行', '不会', '不去', '不参加', '不可以', '不用', '不对', '不好',
    '不同意', '无', '不了', '去不了', '参加不了', '没空', '来不了', '还没有', '还没',
  ],
  unsure: ['不知道', '不清楚', '也许', '可能', '不确定', '看情况', '再说', '不一定', '还不知道', '说不定', '或许'],
  several: ['都', '两个都', '都可以', '都行', '全部', '都要', '三个都'],
  negators: ['不', '没', '别', '除了'],
  fillers: [
    '我', '选', '选择', '我选', '个', '号', '项', '的', '了', '吧', '啊', '呀', '哦', '喔', '呢', '啦', '谢谢',
    '谢', '请', '您好', '你好', '老师', '答案', '选项', '觉得', '我觉得', '想', '这个', '那个', '我们', '比较',
    '最好', '好一些', '号码', '数字', '种', '早上好', '下午好', '晚上好', '感谢', '麻烦了',
  ],
  outOf: [],
  units: ['分', '星', '颗星', '颗'],
  common: [],
  weak: [...NUMERALS, '是', '两', '两个', '要', '会', '去', '有', '行', '嗯', '恩', '无', '一定'],
};
