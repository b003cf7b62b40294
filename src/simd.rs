//! Runtime CPU dispatch for the batch loops: one portable binary, built for the x86-64
//! baseline (SSE2), that runs its hot loops with AVX2 + FMA or AVX-512 where the CPU has them.
//!
//! A hot loop is a [`Kernel`] whose `run` is `#[inline(always)]`: [`run`] calls it from a
//! `#[target_feature]` wrapper, so LLVM compiles (and vectorises) its body once per instruction
//! set. The arithmetic is IEEE in every version — Rust never fuses a·b + c into an FMA by
//! itself — so every version gives the same bits as the scalar code.

/// An instruction set a kernel can be compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
    /// AVX-512 F + VL (8 f64 lanes).
    Avx512,
    /// AVX2 + FMA (4 f64 lanes).
    Avx2,
    /// What the binary was built for (SSE2 on x86-64: 2 lanes).
    Baseline,
}

impl Isa {
    /// The widest set this CPU runs (std caches the CPUID answer).
    #[inline]
    pub fn detect() -> Isa {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512vl")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Isa::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Isa::Avx2;
            }
        }
        Isa::Baseline
    }

    pub fn name(self) -> &'static str {
        match self {
            Isa::Avx512 => "AVX-512",
            Isa::Avx2 => "AVX2",
            Isa::Baseline => "baseline",
        }
    }
}

/// A hot loop: implementors mark `run` `#[inline(always)]`, and every function it calls
/// `#[inline]`, so the whole body is compiled inside each dispatch wrapper.
pub trait Kernel {
    type Output;
    fn run(self) -> Self::Output;
}

/// Runs `kernel` compiled for the widest instruction set this CPU has.
#[inline]
pub fn run<K: Kernel>(kernel: K) -> K::Output {
    run_with(Isa::detect(), kernel)
}

/// Runs `kernel` compiled for `isa`, or for the baseline when the CPU lacks it.
#[inline]
pub fn run_with<K: Kernel>(isa: Isa, kernel: K) -> K::Output {
    #[cfg(target_arch = "x86_64")]
    {
        let have = Isa::detect();
        // SAFETY: each wrapper is called only when the CPU reports its features.
        match isa {
            Isa::Avx512 if have == Isa::Avx512 => return unsafe { x86::avx512(kernel) },
            Isa::Avx512 | Isa::Avx2 if have != Isa::Baseline => {
                return unsafe { x86::avx2(kernel) };
            }
            _ => {}
        }
    }
    let _ = isa;
    kernel.run()
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::Kernel;

    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn avx2<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }

    #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
    pub(super) unsafe fn avx512<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }
}

/// `out[i] = f(points[i])` for every point, vectorised across points where `f` inlines.
pub struct MapPoints<'a, P, T, F> {
    pub points: &'a [P],
    pub out: &'a mut [T],
    pub f: F,
}

impl<P: Copy, T, F: Fn(P) -> T> Kernel for MapPoints<'_, P, T, F> {
    type Output = ();
    #[inline(always)]
    fn run(self) {
        for (o, p) in self.out.iter_mut().zip(self.points) {
            *o = (self.f)(*p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let points: Vec<f64> = (0..1000).map(|i| -5.0 + 0.01037 * i as f64).collect();
        let f = |x: f64| (x * x + 0.3).sqrt() / (x - 7.0) + x * 1e-3;
        let mut each = Vec::new();
        for isa in [Isa::Baseline, Isa::Avx2, Isa::Avx512] {
            let mut out = vec![0.0; points.len()];
            run_with(
                isa,
                MapPoints {
                    points: &points,
                    out: &mut out,
                    f,
                },
            );
            each.push(out);
        }
        let scalar: Vec<f64> = points.iter().map(|&x| f(x)).collect();
        for out in &each {
            assert_eq!(
                out.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                scalar.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
            );
        }
    }
}
