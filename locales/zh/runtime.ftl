# 评估结果与各前端报告在 output.ftl 之外需要的文字：说明与原因中引用的台账资助、
# 所需事实清单、测试失败、重放、clap 自身的文字。

## 台账中的一笔资助，说明与原因中这样称呼。
grant-named = { $entity } 的 { $rule }，{ $date } 发放，{ $at }
grants-first = 共 { $count } 笔，首笔为 { $first }
award-named = { $entity } 的 { $rule }

## 原因中显示的值。
value-by-default = { $value }（默认值）

## policy facts-needed：每条规则、其读取的事实、其计入的台账行。
needs-rule = { $policy }.{ $rule }（每个 { $entity }）
needs-ledger = 台账：{ $row }
needs-ledger-own = `{ $rule }` 的资助，每行须有 { $fields }
needs-ledger-pool = 资金池 `{ $pool }`：其成员规则的资助，按每个 { $per } 计，须有 `year`{ $tags }
needs-ledger-pool-tags = ；以及其他政策下按 `issuer`/`level` 计入的资助
needs-ledger-stack = 叠加 `{ $stack }`：其成员规则此前已获的资助，按每个 { $per } 计
needs-via-condition = 条件
needs-via-on = 事项日期
needs-via-reward = 奖励
needs-via-once-per = 一次性键

## policy replay：每项结果不同的决定。
replay-line = 第 { $line } 行
replay-not-a-decision = { $at }：不是一项决定：{ $error }
replay-facts-hash = { $at }：{ $entity }：事实与记录的哈希不符
replay-cannot-evaluate = { $at }：{ $entity }：无法重新评估：{ $message }
replay-changed-decision = { $at }：{ $entity }（评估日 { $as_of }）：
replay-as-of-not-a-date = as_of `{ $as_of }` 不是日期
replay-no-longer-awarded = 不再奖励：{ $key }：记录为 { $award }
replay-award-changed = 有变化：{ $key }
replay-logged = 记录为 { $award }
replay-now = 现在为 { $again }
replay-newly-awarded = 新增奖励：{ $key }：{ $award }
replay-total-changed = 合计：记录为 { $logged }，现在为 { $now }
