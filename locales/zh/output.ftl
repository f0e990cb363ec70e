# 评估输出：计算过程、不适用原因和未予发放原因的句子（src/output/words.rs），
# 评估表（src/output/table.rs），以及给人看的奖励金额。
# 金额、比例和日期以已格式化的文本传入；计数为数字。

clause-separator = ；

## 金额与奖励

amount-up-to = 最高 { $amount }
amount-range = { $low } 至 { $high }
amount-case-by-case = 一事一议
amount-case-by-case-up-to = 一事一议，最高 { $amount }
amount-case-by-case-uncapped = 一事一议，上不封顶
amount-case-by-case-unbounded = 一事一议，不设上限
kind-exact = 定额
kind-up-to = 最高限额
kind-range = 区间
kind-case-by-case = 一事一议

## 计算过程

step-version = 适用版本：{ $version }
version-ref = 修订 `{ $amendment }`，{ $effective } 起施行
version-ref-document = 修订 `{ $amendment }`（{ $document }），{ $effective } 起施行
step-of = 按{ $base }的 { $rate }：{ $rate } × { $value } = { $result }
step-range-of = 按{ $base }的 { $low_rate } 至 { $high_rate }：{ $low } 至 { $high }
step-per = 按{ $count }计：{ $amount } × { $times } = { $result }
step-range = 区间：{ $low } 至 { $high }
step-max-capped = 最高 { $cap }：{ $before } → { $after }（封顶）
step-max-within = 最高 { $cap }：{ $before } 未超过上限
step-max-case-by-case = 最高 { $cap }：一事一议，至多 { $at_most }
step-up-to = 最高限额 { $ceiling }：主管部门可核定较少金额
step-up-to-unbounded = 最高限额：设有上限
step-case-by-case = 一事一议：无计算公式
step-case-by-case-uncapped = 一事一议：无计算公式，明确上不封顶
step-by = 按{ $table }：{ $variant } → { $amount }
step-by-row = 按{ $table }：{ $variant }
step-tier = 按{ $table }分档：{ $value } 属于 { $tier } 档
step-marginal = 按{ $table }超额累进，{ $value }：{ $slices } = { $total }
step-steps = 按{ $table }分级：{ $value } 达到 { $threshold } 一级
step-schedule = 标准 { $call } = { $amount }
step-schedule-bare = 标准 { $call }
step-value = 取值 { $call } = { $amount }
step-value-bare = 取值 { $call }
step-round = 取整到{ $rounding }：{ $before } → { $after }
rounding = { $unit }，{ $mode }
rounding-yuan = 元
rounding-jiao = 角
rounding-fen = 分
rounding-half-away-from-zero = 四舍五入
rounding-half-even = 四舍六入五成双
rounding-down = 舍去尾数
rounding-up = 进位
step-top-up = 补差（叠加 { $stack }，对已有资助补差）：此项已获 { $granted }（{ $grants }）；补足差额，最高至 { $up_to }
step-top-up-case-by-case = 一事一议核定的金额
step-split = 分担：{ $shares }
split-share = { $payer } { $rate } = { $amount }
split-share-not-stated = { $payer }（未写明份额）
step-aggregate = { $aggregate }：{ $records } 条记录中计入 { $counted } 条
counted-by-default = { $record } { $value }（默认值）
counted-more = 另有 { $count } 条
holds-true = 成立
holds-false = 不成立
step-default = { $fact } 未提供：按默认值 { $value }

## 资金池

pool-named = 资金池 { $pool }
pool-cap-as-set-by = { $name }（上限依{ $version }）
pool-per-year-cap = 年度上限
pool-step = { $name } { $cap }（{ $scope }，{ $period }）：已奖励 { $already }{ $ledger }，剩余额度 { $room } → { $outcome }
pool-of-which-ledger = （其中台账已发 { $amount }）
pool-within = 未超上限
pool-cut = 核减至 { $amount }
period-year = { $year }年
period-years = { $first }–{ $last }年
period-total = 累计

## 不适用的原因

value-true = 是
value-false = 否
fact-not-given = 未提供
reason-out-of-scope = 不属于政策 `{ $policy }` 的适用范围：`{ $condition }` 不成立{ $reads }
reason-condition-false = 条件 `{ $condition }` 不成立{ $reads }
reason-fact-missing = 未提供事实 `{ $fact }`
reason-not-in-table = `{ $table }` 为 `{ $variant }`，表中未列此项
reason-no-records = `{ $aggregate }` 无值：没有记录
reason-no-tier = `{ $table }` = { $value }，不属于任何一档
reason-below-first-step = `{ $table }` = { $value }，未达到第一级（{ $first }）
reason-not-yet = 事项发生于 { $date }，晚于评估日 { $as_of }
reason-before-effective = 事项发生于 { $date }，早于政策 `{ $policy }` 的施行日 { $effective }
reason-after-expiry = 事项发生于 { $date }，晚于政策 `{ $policy }` 的失效日 { $expires }
reason-paid-once = 一次性奖励：{ $whom }{ $what }已于 { $date } 发放（{ $amount }，{ $at }）
paid-for-key = 就 `{ $key }`{" "}
paid-to-entity = 向 { $entity }{" "}
reason-paid-this-year = 每年一次：{ $year } 年度已于 { $date } 发放（{ $amount }，{ $at }）
reason-repealed = 已被{ $version }废止：事项发生于 { $date }，在该日或之后
reason-not-yet-added = 由{ $version }新增：事项发生于 { $date }，早于该日
reason-paid-to-another = 每个 `{ $owner }` { $what }只奖励一次（一次性）：本次评估中另一条记录的事项更早或同日，奖励归该记录
reason-under-version = 依{ $version }：{ $reason }
reason-no-entity = 事实中没有实体 `{ $path }`

## 未予发放的原因

exclusion-outranked = 就高不重复（叠加 { $stack }）：{ $winner } 对 { $item } 奖励更高（{ $won }，本项 { $lost }）{ $tie }
exclusion-outranked-tie = ；金额相同，取叠加中先列出的一项
already-granted = 此项已获 { $granted }（{ $grants }）
exclusion-earlier-refuse = 就高不重复（叠加 { $stack }，已有资助不再发放）：{ $already }；不重复发放
exclusion-earlier-top-up = 就高不重复（叠加 { $stack }，对已有资助补差）：{ $already }，不低于本项的 { $max }；无需补差
exclusion-count-cap = 名额上限（资金池 { $pool }）：每个 { $scope } { $period }至多 { $count } 项，取{ $choose }者；台账已发放 { $ledgered } 项，本次评估保留 { $kept } 项
choose-highest = 金额最高
choose-earliest = 时间最早

## 修订（policy check）

amendment-note = 注：政策 `{ $policy }` 的修订 `{ $amendment }`，{ $effective } 起施行
amendment-note-document = 注：政策 `{ $policy }` 的修订 `{ $amendment }`（{ $document }），{ $effective } 起施行
amendment-changes-nothing = 未作修改
amendment-replaces = 替换 { $clauses }
amendment-repealed = 废止
amendment-added = 新增
amendment-cap = 上限改为 { $amount }
amendment-validity = 有效期：至 { $expires }（{ $was }）
amendment-expiry-was = 原为 { $date }
amendment-no-expiry = 原未写明有效期

## 评估表

table-as-of = 评估日 { $date }
table-no-awards = 无奖励
table-not-applicable = 不适用
table-excluded = 未予发放（就高不重复、名额上限）
table-warning = 警告：{ $warning }
table-totals = 合计
table-rules = { $count } 条规则
column-entity = 主体
column-rule = 规则
column-cite = 条款
column-kind = 类型
column-amount = 金额
column-reason = 原因
column-owed = 应发
column-ceiling = 上限
column-case-by-case = 一事一议
total-unbounded = 不设上限
