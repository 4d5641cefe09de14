# Expected scores from R (base R only; R 4.2.2 was used). Run: Rscript reference-r.R
# same_*: R's type-7 quantile() at j/5 as breaks, right-closed bins with the lowest included,
#         that is cut(x, breaks, include.lowest = TRUE); checked against cut() itself wherever the
#         breaks are distinct (cut refuses repeated breaks).
# pkg_*:  the rule of the rfm package's rfm_table_order()/rfm_table_customer() (read in its source;
#         the package itself is not installed here): breaks are the interior type-7 quantiles plus 1,
#         bins closed on the left, so a score is 1 + the number of breaks at or below the value.
# pkg_segment: the package's documented 10-segment table, applied like rfm_segment(): in order,
#         the first matching row wins, customers no row matches are "Others".
# Recency is scored in reverse (fewest days scores 5) in every column.
d <- read.csv("rfm-input.csv", stringsAsFactors = FALSE)
k <- 5
probs <- seq(0, 1, length.out = k + 1)

same <- function(x) {
  q <- quantile(x, probs = probs, type = 7, names = FALSE)
  s <- 1 + rowSums(outer(x, q[2:k], ">"))
  if (!anyDuplicated(q)) {
    stopifnot(identical(as.integer(s), cut(x, q, include.lowest = TRUE, labels = FALSE)))
  }
  as.integer(s)
}
pkg <- function(x) {
  b <- quantile(x, probs = probs, names = FALSE)[2:k] + 1
  as.integer(1 + rowSums(outer(x, b, ">=")))
}
rev_score <- function(s) as.integer(k + 1 - s)

out <- data.frame(customer = d$customer,
                  same_r = rev_score(same(d$recency_days)), same_f = same(d$frequency), same_m = same(d$monetary),
                  pkg_r = rev_score(pkg(d$recency_days)), pkg_f = pkg(d$frequency), pkg_m = pkg(d$monetary))

names <- c("Champions", "Potential Loyalist", "Loyal Customers", "Promising", "New Customers",
           "Can't Lose Them", "At Risk", "Need Attention", "About To Sleep", "Lost")
r_lo <- c(5, 3, 2, 3, 4, 1, 1, 1, 2, 1); r_hi <- c(5, 5, 4, 4, 5, 2, 2, 3, 3, 1)
f_lo <- c(5, 3, 2, 1, 1, 3, 2, 3, 1, 1); f_hi <- c(5, 5, 4, 3, 3, 4, 5, 5, 3, 5)
m_lo <- c(5, 2, 2, 3, 1, 4, 4, 3, 1, 1); m_hi <- c(5, 5, 4, 5, 5, 5, 5, 5, 4, 5)
seg <- rep(NA_character_, nrow(out))
for (i in seq_along(names)) {
  hit <- is.na(seg) & out$pkg_r >= r_lo[i] & out$pkg_r <= r_hi[i] & out$pkg_f >= f_lo[i] &
    out$pkg_f <= f_hi[i] & out$pkg_m >= m_lo[i] & out$pkg_m <= m_hi[i]
  seg[hit] <- names[i]
}
seg[is.na(seg)] <- "Others"
out$pkg_segment <- seg
write.csv(out, "rfm-expected-r.csv", row.names = FALSE, quote = FALSE)
