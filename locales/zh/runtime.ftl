# 评估结果与各前端报告在 output.ftl 之外需要的文字：说明与原因中引用的台账资助、
# 所需事实清单、测试失败、重放、clap 自身的文字。

## 台账中的一笔资助，说明与原因中这样称呼。
grant-named = { $entity } 的 { $rule }，{ $date } 发放，{ $at }
grants-first = 共 { $count } 笔，首笔为 { $first }
award-named = { $entity } 的 { $rule }

## 原因中显示的值。
value-by-default = { $value }（默认值）
