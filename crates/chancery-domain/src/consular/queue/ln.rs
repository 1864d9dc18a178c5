//! A natural logarithm built from IEEE 754 basic operations only (+, -, *, / and bit
//! manipulation, all correctly rounded), so that the exponential draws made from it, and so a
//! seed's samples, are the same on every platform: `f64::ln` calls the platform's libm, whose
//! last bit may differ between systems and versions.
//!
//! Method (as in the classic fdlibm description): x = 2^k m with m in [sqrt(1/2), sqrt(2)),
//! ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| < 0.172, summed as the odd series
//! 2 (s + s^3/3 + s^5/5 + ...) up to s^23 (the next term is below 2^-56 of the result).

/// ln 2 in two parts: the high part has its last 21 bits zero, so k * LN2_HI is exact for any
/// exponent k; the low part carries the rest.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);

pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    let (mut x, mut k) = (x, 0i64);
    if x < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range first (exact).
        x *= 2f64.powi(54);
        k = -54;
    }
    let bits = x.to_bits();
    k += ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        k += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    // The series in z, split into even and odd powers so that two short chains of
    // multiply-adds run side by side (a fixed order of operations all the same).
    let w = z * z;
    let even = 1.0 / 3.0
        + w * (1.0 / 7.0
            + w * (1.0 / 11.0 + w * (1.0 / 15.0 + w * (1.0 / 19.0 + w * (1.0 / 23.0)))));
    let odd = 1.0 / 5.0 + w * (1.0 / 9.0 + w * (1.0 / 13.0 + w * (1.0 / 17.0 + w * (1.0 / 21.0))));
    let series = even + z * odd;
    let ln_m = 2.0 * s + 2.0 * s * z * series;
    let k = k as f64;
    k * LN2_HI + (ln_m + k * LN2_LO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_platform_to_a_few_ulps() {
        let mut worst: f64 = 0.0;
        let mut x = 1e-300;
        while x < 1e300 {
            for m in [1.0, 1.1, 1.41, 1.42, 1.9, 2.7, 3.3] {
                let y = x * m;
                let (a, b) = (ln(y), y.ln());
                let err = (a - b).abs() / b.abs().max(1e-300);
                worst = worst.max(err);
            }
            x *= 1.37;
        }
        assert!(worst < 1e-15, "worst relative error {worst}");
        for u in [
            1.0 - 2f64.powi(-53),
            0.5,
            2f64.powi(-53),
            0.999,
            1.0 + 1e-12,
        ] {
            assert!((ln(u) - u.ln()).abs() <= 4.0 * f64::EPSILON * u.ln().abs().max(1e-300));
        }
    }

    #[test]
    fn edges() {
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        let tiny = f64::from_bits(1); // smallest subnormal
        assert!((ln(tiny) - tiny.ln()).abs() < 1e-12);
    }
}
